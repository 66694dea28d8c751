import torch

torch.manual_seed(0)

x = torch.tensor(2.0, requires_grad=True)


@torch.no_grad()  # (1)!
def evaluate(t):
    a = t * 3
    with torch.enable_grad():  # (2)!
        b = t * 3
    return a, b


a, b = evaluate(x)
print("under @torch.no_grad():  a.requires_grad", a.requires_grad, " b.requires_grad", b.requires_grad)
