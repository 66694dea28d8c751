import torch

torch.manual_seed(0)

x = torch.ones(2, 2, requires_grad=True)
out = (3 * (x + 2) ** 2).mean()
out.backward()
print(x.grad)

x.sum().backward()  # a second backward adds to x.grad
print(x.grad)
