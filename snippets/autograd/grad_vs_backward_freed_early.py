import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
a = x.exp()
b = a.sin()  # (1)!
out = b.sum()


def check(grad_outputs):  # (2)!
    try:
        b.grad_fn._saved_self
        print("when ExpBackward0 starts, SinBackward0's saved tensor: still there")
    except RuntimeError:
        print("when ExpBackward0 starts, SinBackward0's saved tensor: already freed")


a.grad_fn.register_prehook(check)
out.backward()
